"""Feed fetching and parsing: HTTP in, plain entries out.

fetch (HTTP, redirects, body cap) · netguard (URL and address rules) · body (decoding under a cap)
· httpmeta (Retry-After, max-age) · parse (formats → entries) · jsonfeed · encoding · text
· identity (guid / canonical link / hash) · schedule (next check, backoff) · limits (concurrency)
· opml (import/export) · errors (the reasons they give).
"""
