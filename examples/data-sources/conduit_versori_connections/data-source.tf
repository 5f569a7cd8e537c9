data "conduit_versori_connections" "http" {
  protocol = "http"
}

output "http_connections" {
  value = [for c in data.conduit_versori_connections.http.connections : "${c.name} (${c.base_url})"]
}
