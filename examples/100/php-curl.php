<?php
// 100 Continue tells a client that sent "Expect: 100-continue" to go on and send the content
// (RFC 9110 §15.2.1).
// libcurl holds the body back until the server answers "100 Continue", and hands every status
// line to the header callback, interim ones included, so PHP sees the real 100.
$ch = curl_init('http://localhost:4321/api/status/100');
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HTTPHEADER, ['Expect: 100-continue']);
curl_setopt($ch, CURLOPT_POSTFIELDS, 'hello');
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
