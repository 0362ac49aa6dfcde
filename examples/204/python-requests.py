# 204 No Content: the PUT succeeded and there is no content to send; a client keeps its current view
# (RFC 9110 §15.3.5).
import requests

response = requests.put("http://localhost:4321/api/status/204", json={"title": "Quarterly report"})
print(response.status_code, response.reason)
