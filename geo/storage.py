"""Where the dask engine reads and writes: local paths or fsspec URLs (s3://, gs://, abfs://,
http(s):// for reading).

Credentials and endpoints come from each filesystem's own configuration (for S3:
AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, ~/.aws/config), never
from our flags. The filesystem packages are optional: s3fs comes with the `cloud` extra; gcsfs
(gs://) and adlfs (abfs://) are installed the same way by whoever needs them.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from geo.errors import InputError

__all__ = ["is_url", "filesystem", "as_location", "basename", "join", "local_copy", "put"]

_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]+://")
_PACKAGES = {"s3": "s3fs", "s3a": "s3fs", "gs": "gcsfs", "gcs": "gcsfs", "abfs": "adlfs",
             "az": "adlfs", "abfss": "adlfs", "http": "aiohttp", "https": "aiohttp"}


def is_url(location: str | os.PathLike) -> bool:
    """True for 'scheme://...' (not for a local path, not for file://)."""
    text = str(location)
    return bool(_SCHEME.match(text)) and not text.startswith("file://")


def as_location(value: str | os.PathLike) -> str | Path:
    """A URL stays text (Path would fold its '//'); anything else becomes a Path."""
    return str(value) if is_url(value) else Path(value)


def filesystem(location: str | os.PathLike):
    """(fsspec filesystem, path inside it) for a URL or a local path; a clear error when the
    scheme's package is missing."""
    import fsspec.core

    try:
        return fsspec.core.url_to_fs(str(location))
    except ImportError as exc:
        scheme = str(location).split("://", 1)[0]
        package = _PACKAGES.get(scheme, f"the fsspec package for {scheme}://")
        raise InputError(f"{location}: reading {scheme}:// needs {package} ({exc}); install it, "
                         f"e.g. pip install '{package}' (s3fs: pip install '.[cloud]')") from None
    except ValueError as exc:  # an unknown protocol
        raise InputError(f"{location}: {exc}; use a local path or an s3://, gs://, abfs:// or "
                         "http(s):// URL") from None


def basename(location: str | os.PathLike) -> str:
    return str(location).rstrip("/").rsplit("/", 1)[-1]


def join(location: str | os.PathLike, name: str) -> str | Path:
    return f"{str(location).rstrip('/')}/{name}" if is_url(location) else Path(location) / name


@contextlib.contextmanager
def local_copy(location: str | os.PathLike) -> Iterator[Path]:
    """A local path holding the file: itself when local, else a download into a temporary
    directory under the same name (its suffix tells the reader its format), removed after."""
    if not is_url(location):
        yield Path(location)
        return
    fs, path = filesystem(location)
    folder = tempfile.mkdtemp(prefix="sahel-map-")
    try:
        local = Path(folder) / basename(location)
        try:
            fs.get_file(path, str(local))
        except FileNotFoundError:
            raise InputError(f"{location}: does not exist; check the URL given to --events") from None
        yield local
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def put(local: Path, location: str | os.PathLike) -> None:
    """Copy a finished local file to its place (a local rename, or an upload)."""
    if is_url(location):
        fs, path = filesystem(location)
        fs.put_file(str(local), path)
    else:
        Path(location).parent.mkdir(parents=True, exist_ok=True)
        os.replace(local, location)
