"""An iOS and macOS configuration profile (`.mobileconfig`) that subscribes to one address book.

Opening the file offers to add a CardDAV account (the `com.apple.carddav.account` payload of Apple's
Configuration Profile Reference) whose principal is the book's own, so that account shows exactly that
book. The profile is not signed: the device says so ("Not Verified") and installs it all the same.
Its identifiers are derived from the server and the book, so downloading it again replaces the
account rather than adding a second one.
"""

from __future__ import annotations

import plistlib
import uuid
from urllib.parse import urlsplit

#: The profile's Content-Type, which makes Safari offer to install it.
MOBILECONFIG_TYPE = "application/x-apple-aspen-config"
_NAMESPACE = uuid.UUID("5d2e8f0a-6c41-4b7e-9a3d-0f7c1e2b4a68")


def mobileconfig(carddav_url: str, user: str, password: str, name: str, description: str) -> bytes:
    """The profile (an XML property list) adding a read-only CardDAV account for `user` at `carddav_url`."""
    parts = urlsplit(carddav_url)
    https = parts.scheme == "https"
    host = parts.hostname or ""
    identifier = ".".join(reversed(host.split("."))) if host and not host[0].isdigit() else "contacts"
    key = f"{carddav_url}#{user}"
    account = {
        "PayloadType": "com.apple.carddav.account",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{identifier}.contacts.carddav.{user}",
        "PayloadUUID": str(uuid.uuid5(_NAMESPACE, "account " + key)).upper(),
        "PayloadDisplayName": name,
        "CardDAVAccountDescription": name,
        "CardDAVHostName": host,
        "CardDAVPort": parts.port or (443 if https else 80),
        "CardDAVUseSSL": https,
        "CardDAVPrincipalURL": f"{parts.path.rstrip('/')}/{user}/",
        "CardDAVUsername": user,
        "CardDAVPassword": password,
    }
    profile = {
        "PayloadType": "Configuration",
        "PayloadVersion": 1,
        "PayloadIdentifier": f"{identifier}.contacts.{user}",
        "PayloadUUID": str(uuid.uuid5(_NAMESPACE, "profile " + key)).upper(),
        "PayloadDisplayName": name,
        "PayloadDescription": description,
        "PayloadRemovalDisallowed": False,
        "PayloadContent": [account],
    }
    return plistlib.dumps(profile, fmt=plistlib.FMT_XML, sort_keys=True)
