<?php
// 444 is never sent: nginx's `return 444;` closes the connection without any response, and 444
// shows only in its log. The sandbox sends the bare number so you can see how a client treats an
// unknown 4xx (as 400, RFC 9110 §15).
$ch = curl_init('http://localhost:4321/api/status/444');
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
