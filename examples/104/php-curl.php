<?php
// 104 Upload Resumption Supported is a temporary registration for resumable uploads
// (draft-ietf-httpbis-resumable-upload).
// A 1xx is interim, never the final response (RFC 9110 §15.2), so status/104 cannot answer
// with one: it sends the final 200, with the code asked for in X-Requested-Status.
$ch = curl_init('http://localhost:4321/api/status/104');
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
echo 'X-Requested-Status: ', $headers['x-requested-status'] ?? '(none)', "\n";
echo $body, "\n";
