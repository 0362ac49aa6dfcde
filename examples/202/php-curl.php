<?php
// 202 Accepted: the request was queued, not yet acted upon, and may still fail (RFC 9110 §15.3.3).
$ch = curl_init('http://localhost:4321/api/status/202');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Content-Type: application/json']);
curl_setopt($ch, CURLOPT_POSTFIELDS, json_encode(['title' => 'Quarterly report']));
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
