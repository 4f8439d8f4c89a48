#!/usr/bin/env python3
"""Counts a Maildir++ tree without MailTools: per folder, sender, year, size band and sender x year, from the files on disk.

The independent side of Measure-Mailbox's tests. Size is the virtual size Dovecot reports (every LF counted as CRLF);
the received date is the file's mtime (Dovecot's Maildir INTERNALDATE), in this machine's time zone; the sender is the
first address of the From header, lower case. "Sender, Year" is keyed as Measure-Mailbox joins a cross product's parts
("alice@example.com, 2024"). Prints JSON.
usage: maildir_stats.py <Maildir>
"""
import email.parser
import email.policy
import email.utils
import json
import os
import sys
from datetime import datetime

BANDS = [(10 << 10, "< 10 KB"), (100 << 10, "10-100 KB"), (1 << 20, "100 KB-1 MB"), (10 << 20, "1-10 MB")]


def band(size):
    for bound, name in BANDS:
        if size < bound:
            return name
    return ">= 10 MB"


def folder_name(entry):
    # Maildir++: ".Clients.2025" is Clients/2025; names are modified UTF-7 (IMAP), "&" starts an encoded run.
    raw = entry[1:].replace(".", "/")
    out, i = "", 0
    while i < len(raw):
        if raw[i] == "&":
            j = raw.index("-", i)
            chunk = raw[i + 1:j]
            if chunk == "":
                out += "&"
            else:
                b64 = chunk.replace(",", "/")
                b64 += "=" * (-len(b64) % 4)
                import base64
                out += base64.b64decode(b64).decode("utf-16-be")
            i = j + 1
        else:
            out += raw[i]
            i += 1
    return out


def add(table, key, size):
    row = table.setdefault(key, {"Count": 0, "Size": 0})
    row["Count"] += 1
    row["Size"] += size


def main(root):
    parser = email.parser.BytesHeaderParser(policy=email.policy.compat32)
    result = {"Folder": {}, "Sender": {}, "Year": {}, "SizeBand": {}, "Sender, Year": {}}
    folders = [("INBOX", root)] + [(folder_name(e), os.path.join(root, e)) for e in os.listdir(root) if e.startswith(".") and os.path.isdir(os.path.join(root, e))]
    for name, path in folders:
        for sub in ("cur", "new"):
            d = os.path.join(path, sub)
            if not os.path.isdir(d):
                continue
            for f in os.listdir(d):
                p = os.path.join(d, f)
                with open(p, "rb") as fh:
                    data = fh.read()
                vsize = len(data) + data.count(b"\n") - data.count(b"\r\n")
                headers = parser.parsebytes(data)
                addresses = email.utils.getaddresses([str(h) for h in headers.get_all("From", [])])
                sender = next((a.lower() for _, a in addresses if a), "(no sender)")
                year = str(datetime.fromtimestamp(os.stat(p).st_mtime).year)
                add(result["Folder"], name, vsize)
                add(result["Sender"], sender, vsize)
                add(result["Year"], year, vsize)
                add(result["SizeBand"], band(vsize), vsize)
                add(result["Sender, Year"], sender + ", " + year, vsize)
    json.dump(result, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main(sys.argv[1])
