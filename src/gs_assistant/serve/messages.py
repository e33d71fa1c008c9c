"""What ``gs-assistant serve`` says, in Japanese and English (the command and the server
both speak from here)."""

from __future__ import annotations

MESSAGES = {
    "no_folder": ("フォルダがありません", "the folder does not exist"),
    "port_range": ("ポート番号は 1〜65535 です", "the port is a number from 1 to 65535"),
    "port": ("ポート {port} が使えません（使用中か、権限がありません）: {error}",
             "port {port} cannot be used (in use, or not permitted): {error}"),
    "host": ("{host} では待ち受けできません: {error}", "cannot listen on {host}: {error}"),
    "open": ("ブラウザで次のアドレスを開いてください（トークン付き。知っている人だけが使えます）:",
             "open this address in a browser (it includes the token; only people who have it "
             "can use the tool):"),
    "folder": ("申請ファイルのフォルダ: {folder}", "application files folder: {folder}"),
    "refused": ("アクセスできません: アドレスにトークンがないか、違います。起動時に表示された"
                "アドレス（?token=… 付き）を開いてください。",
                "access refused: the address has no token or a wrong one. Open the address "
                "printed at start (with ?token=...)."),
    "stop": ("終了するには Ctrl+C を押してください。", "press Ctrl+C to stop."),
    "public": ("警告: {host} で待ち受けています。このポートに届く人は誰でも、トークンがあれば"
               "このツールとフォルダ内の申請ファイルを使えます。信頼できるネットワークだけで"
               "使ってください（通信は暗号化されません）。",
               "warning: listening on {host}. Anyone who can reach this port and has the "
               "token can use the tool and the application files in the folder. Use it only "
               "on a network you trust (the connection is not encrypted)."),
}


def message(key: str, lang: str, **values: object) -> str:
    ja, en = MESSAGES[key]
    return (en if lang == "en" else ja).format(**values)
