<?php
// 304 Not Modified: the copy whose ETag the client sent in If-None-Match is still current, so no
// content is sent (RFC 9110 §15.4.5).
$ch = curl_init('http://localhost:4321/api/status/304');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, ['If-None-Match: "33a64df5"']);
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
echo 'ETag: ', $headers['etag'] ?? '(none)', "\n";
