<?php
// 200 OK: for a GET, the content is the representation of the target resource (RFC 9110 §15.3.1).
$ch = curl_init('http://localhost:4321/api/status/200');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
$headers = [];
curl_setopt($ch, CURLOPT_HEADERFUNCTION, function ($ch, string $line) use (&$headers): int {
    if (preg_match('#^HTTP/[\d.]+ \d{3}#', $line)) {
        echo trim($line), "\n"; // each status line, interim (1xx) ones included
        $headers = [];
    } elseif (str_contains($line, ':')) {
        [$name, $value] = explode(':', $line, 2);
        $headers[strtolower(trim($name))] = trim($value);
    }
    return strlen($line);
});
$body = curl_exec($ch);
if ($body === false) {
    fwrite(STDERR, 'Request failed: ' . curl_error($ch) . " (is npm start running?)\n");
    exit(1);
}
echo $body, "\n";
