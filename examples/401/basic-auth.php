<?php
// Ask once without credentials, read the challenge, then answer it with Basic credentials.
$url = 'http://localhost:4321/api/basic-auth/user/passwd';

$ch = curl_init($url);
curl_setopt($ch, CURLOPT_RETURNTRANSFER, true);
curl_setopt($ch, CURLOPT_HEADER, true);
$response = curl_exec($ch);
$status = curl_getinfo($ch, CURLINFO_RESPONSE_CODE);
$headerSize = curl_getinfo($ch, CURLINFO_HEADER_SIZE);
preg_match('/^WWW-Authenticate:\s*(.+)$/mi', substr($response, 0, $headerSize), $challenge);
echo "First try: $status\n";
echo 'Challenge: ' . trim($challenge[1] ?? '(none)') . "\n";

curl_setopt($ch, CURLOPT_HEADER, false);
curl_setopt($ch, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
curl_setopt($ch, CURLOPT_USERPWD, 'user:passwd');
$body = curl_exec($ch);
echo 'With credentials: ' . curl_getinfo($ch, CURLINFO_RESPONSE_CODE) . "\n";
echo $body . "\n";
