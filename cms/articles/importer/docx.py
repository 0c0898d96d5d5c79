"""Word documents (.docx), what medical writers send: converted to HTML by mammoth, then read as a web page.

mammoth maps Word's styles to HTML (Heading 1-6 to <h1>-<h6>, lists, bold,
italic, links); the style "Title" is the article's title and Heading 1 a
section. A document without a Title paragraph takes its title from a short
first paragraph or heading (the .txt layout: the title on the first line), else
from the document's properties. Images are left out, with a warning: add them in the admin.

Refused with a clear message, before mammoth reads anything: files that are
not a .docx at all, old .doc files, password-protected (encrypted) documents,
and archives that unpack to more than MAX_UNPACKED_BYTES (a "zip bomb").
"""

import io
import re
import zipfile

import mammoth
from bs4 import BeautifulSoup

from .dates import is_date_line
from .html_page import parse_html
from .structure import ArticleImportError

# Word 97-2003 files and encrypted .docx files are both OLE compound files.
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An encrypted .docx is an OLE file with these streams (names stored in UTF-16).
ENCRYPTION_STREAMS = ("EncryptionInfo".encode("utf-16-le"), "EncryptedPackage".encode("utf-16-le"))
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
MAIN_PART = "word/document.xml"
# Word's Title is the page's <h1>, so its headings move one level down (Heading 1 is a section).
STYLE_MAP = """
p[style-name='Title'] => h1:fresh
p[style-name='Subtitle'] => p:fresh
p[style-name='Heading 1'] => h2:fresh
p[style-name='Heading 2'] => h3:fresh
p[style-name='Heading 3'] => h4:fresh
p[style-name='Heading 4'] => h5:fresh
p[style-name='Heading 5'] => h6:fresh
"""
TITLE_MAX = 200


def _check_package(data, name):
    if data.startswith(OLE_SIGNATURE):
        if any(stream in data for stream in ENCRYPTION_STREAMS):
            raise ArticleImportError(
                f"{name} is password-protected: remove the password in Word "
                "(File > Info > Protect Document) and import it again."
            )
        raise ArticleImportError(f"{name} is an old Word document (.doc): save it as .docx and import again.")
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ArticleImportError(f"{name} is not a Word document (.docx), or it is damaged.") from None
    with package:
        names = set(package.namelist())
        if MAIN_PART not in names:
            raise ArticleImportError(f"{name} is not a Word document (.docx): it has no document text.")
        if sum(info.file_size for info in package.infolist()) > MAX_UNPACKED_BYTES:
            limit = MAX_UNPACKED_BYTES // 2**20
            raise ArticleImportError(f"{name} unpacks to more than {limit} MB: not imported.")
        core = package.read("docProps/core.xml") if "docProps/core.xml" in names else b""
    return _core_title(core)


def _core_title(core_xml):
    match = re.search(rb"<dc:title>([^<]*)</dc:title>", core_xml)
    return " ".join(match[1].decode("utf-8", "replace").split()) if match else ""


def _with_title(html, property_title, name):
    """The HTML with an <h1>: a short first paragraph (the .txt layout), else the title property."""
    soup = BeautifulSoup(html, "html.parser")
    if soup.find("h1"):
        return html
    first = soup.find(True)  # the first paragraph or heading
    text = " ".join(first.get_text().split()) if first is not None else ""
    if text and len(text) <= TITLE_MAX and text[-1] not in ".,;:!?" and not is_date_line(text):
        title = text
        first.decompose()
    elif property_title:
        title = property_title
    else:
        raise ArticleImportError(
            f"No title found in {name}: give the title Word's style Title, or put it alone on the first line."
        )
    heading = soup.new_tag("h1")
    heading.string = title
    soup.insert(0, heading)
    return str(soup)


def parse_docx(data, name):
    """Read a .docx file's bytes into a RawDocument (see module)."""
    core_title = _check_package(data, name)
    images = []

    def leave_out(image):
        images.append(image)
        return {}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            style_map=STYLE_MAP,
            include_embedded_style_map=False,
            convert_image=mammoth.images.img_element(leave_out),
        )
    except Exception as error:  # mammoth raises many kinds (KeyError, XML errors) on a damaged file
        raise ArticleImportError(f"{name} could not be read as a Word document ({error}).") from None
    raw = parse_html(_with_title(result.value, core_title, name))
    if images:
        raw.warnings.append(f"{len(images)} image(s) in the document were left out: add images in the admin.")
    return raw
