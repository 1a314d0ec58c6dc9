"""An aiosmtpd handler for Vigil's mail tests: every delivered mail becomes one JSON file the tests read.

Run as: python3 -m aiosmtpd -n -c smtp_capture.Capture DIRECTORY (with this file's directory on PYTHONPATH).
Recipients starting with "unknown" are refused as a missing mailbox (550), "busy" ones as a temporary failure (451).
"""
import email
import email.policy
import json
import os
import uuid


class Capture:
    def __init__(self, directory):
        self.directory = directory

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("unknown"):
            return "550 5.1.1 No such mailbox"
        if address.startswith("busy"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=email.policy.default)
        record = {
            "tls": session.ssl is not None,
            "mailFrom": envelope.mail_from,
            "rcptTos": envelope.rcpt_tos,
            "subject": str(message["Subject"]),
            "to": str(message["To"]),
            "delivery": str(message["X-Vigil-Delivery"]),
            "autoSubmitted": str(message["Auto-Submitted"]),
            "contentType": message.get_content_type(),
            "parts": [
                {"contentType": part.get_content_type(), "content": part.get_content()}
                for part in message.walk()
                if not part.is_multipart()
            ],
        }
        # Written aside and renamed, so a reader never sees half a file.
        name = uuid.uuid4().hex
        partial = os.path.join(self.directory, name + ".partial")
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.rename(partial, os.path.join(self.directory, name + ".json"))
        return "250 OK"

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("Capture takes one argument: the directory to write mails to")
        return cls(args[0])
