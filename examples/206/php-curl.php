<?php
// 206 Partial Content answers a Range request with only the bytes asked for, described by
// Content-Range (RFC 9110 §15.3.7).
$ch = curl_init('http://localhost:4321/api/status/206');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Range: bytes=0-15']);
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
echo 'Content-Range: ', $headers['content-range'] ?? '(none)', "\n";
echo $body, "\n";
