"""Texts about join and share links that phones must reach."""

TEXTS: dict[str, tuple[str, str]] = {
    "links.phones_open": (
        "Sie haben die App als «{host}» geöffnet, was nur dieser Computer erreicht. Links und QR-Codes "
        "zeigen deshalb auf {url}: Das öffnen Telefone im selben Netzwerk (WLAN). Für einen anderen "
        "Zugang (z. B. über das Internet) die öffentliche Adresse in der Umgebungsvariablen {setting} "
        "setzen und die App neu starten.",
        "You opened the app as “{host}”, which only this computer reaches. Links and QR codes therefore "
        "point to {url}: phones in the same network (Wi-Fi) open that. For other access (e.g. over the "
        "internet), set the public address in the environment variable {setting} and restart the app.",
    ),
    "links.phones_cannot": (
        "Sie haben die App als «{host}» geöffnet, und dieser Computer hat keine Netzwerkadresse: "
        "Telefone können diese Links nicht öffnen. Die öffentliche Adresse in der Umgebungsvariablen "
        "{setting} setzen und die App neu starten.",
        "You opened the app as “{host}” and this computer has no network address: phones cannot open "
        "these links. Set the public address in the environment variable {setting} and restart the app.",
    ),
}
