"""gzip and brotli for text answers, negotiated by Accept-Encoding, with an ETag per encoding.

One rule for every text response (API JSON, problem documents, the reader site's HTML, CSS
and JavaScript from whitenoise, the sitemap):

- the encoding is the client's most preferred of br and gzip (q-values honoured, q=0 refused);
- `Vary: Accept-Encoding` on every compressible answer, compressed or not;
- a strong ETag names the identity bytes (`"abc"`); the compressed representation gets
  `"abc-br"` / `"abc-gzip"`, so each encoding has its own validator (RFC 9110 8.8.3). On the way
  in, `If-None-Match` tags of the encoding about to be chosen are turned back into the identity
  tag, so the layers below (the API cache, whitenoise) compare identity tags only;
- answers from the API cache carry their compressed bytes (`response.precompressed`): each
  encoding is made the first time a client asks for it and kept with the answer
  (cache/http.py), so a hit is never compressed again, and a miss from a client that takes
  no compression (a server-side fetch, a CDN that compresses itself) compresses nothing.
"""

import brotli
from django.middleware.gzip import compress_sequence, compress_string
from django.utils.cache import patch_vary_headers
from django.utils.http import parse_etags

ENCODINGS = ("br", "gzip")  # our preference when the client likes both equally
MIN_LENGTH = 300  # below this, headers outweigh the savings
TEXT_TYPES = (
    "text/",
    "application/json",
    "application/problem+json",
    "application/ld+json",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
)
# Quality 5 is brotli's sweet spot for on-the-fly work; cached answers pay once for more.
BROTLI_QUALITY_LIVE = 5
BROTLI_QUALITY_STORED = 9


def negotiate(accept_encoding):
    """'br', 'gzip' or None for an Accept-Encoding header value."""
    weights = {}
    for part in (accept_encoding or "")[:500].split(","):
        name, _sep, params = part.strip().partition(";")
        name = name.strip().lower()
        if not name:
            continue
        quality = 1.0
        for param in params.split(";"):
            key, _eq, value = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        weights[name] = quality
    candidates = [
        (weights.get(name, weights.get("*", 0.0)), -position, name) for position, name in enumerate(ENCODINGS)
    ]
    quality, _position, name = max(candidates)
    return name if quality > 0 else None


def compress(content, encoding, stored=False):
    if encoding == "br":
        return brotli.compress(content, quality=BROTLI_QUALITY_STORED if stored else BROTLI_QUALITY_LIVE)
    return compress_string(content)


def compress_variant(variants, content, encoding):
    """`content` in `encoding`, from `variants` ({"br": bytes, ...}, the encodings made so far
    for an answer that is stored and served many times) or made now and added to them.
    Returns (bytes, whether it was made now)."""
    if encoding in variants:
        return variants[encoding], False
    variants[encoding] = compress(content, encoding, stored=True)
    return variants[encoding], True


def _brotli_stream(chunks):
    compressor = brotli.Compressor(quality=BROTLI_QUALITY_LIVE)
    for chunk in chunks:
        data = compressor.process(chunk)
        if data:
            yield data
    yield compressor.finish()


def encoded_etag(etag, encoding):
    """'"abc"' -> '"abc-br"'; weak tags keep their W/ prefix."""
    if not etag or not etag.endswith('"'):
        return etag
    return f'{etag[:-1]}-{encoding}"'


def _identity_tags(header, encoding):
    """If-None-Match as the identity layer should see it: only tags of `encoding` (or '*')."""
    tags = []
    for tag in parse_etags(header):
        if tag == "*":
            return "*"
        bare = tag.removeprefix("W/")
        suffix = f'-{encoding}"' if encoding else None
        if suffix and bare.endswith(suffix):
            tags.append(bare[: -len(suffix)] + '"')
        elif not encoding and not bare.endswith(('-br"', '-gzip"')):
            tags.append(bare)
    return ", ".join(tags)


def is_compressible(response):
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type.startswith(TEXT_TYPES)


class CompressionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        encoding = negotiate(request.META.get("HTTP_ACCEPT_ENCODING"))
        if "HTTP_IF_NONE_MATCH" in request.META:
            tags = _identity_tags(request.META["HTTP_IF_NONE_MATCH"], encoding)
            if tags:
                request.META["HTTP_IF_NONE_MATCH"] = tags
            else:
                del request.META["HTTP_IF_NONE_MATCH"]
        response = self.get_response(request)
        return self.process(request, response, encoding)

    def process(self, request, response, encoding):
        if response.has_header("Content-Encoding"):
            return response
        precompressed = getattr(response, "precompressed", None)
        if response.status_code == 304:
            if precompressed is not None or is_compressible(response):
                patch_vary_headers(response, ("Accept-Encoding",))
                if encoding and response.has_header("ETag"):
                    response["ETag"] = encoded_etag(response["ETag"], encoding)
            return response
        partial = response.status_code == 206 or response.has_header("Content-Range")
        if partial or not is_compressible(response):
            return response
        patch_vary_headers(response, ("Accept-Encoding",))
        if encoding is None:
            return response
        if precompressed is not None:
            body = compress_variant(precompressed, response.content, encoding)[0]
            if request.method != "HEAD":
                response.content = body
            response["Content-Length"] = str(len(body))
        elif response.streaming:
            chunks = response.streaming_content
            response.streaming_content = (
                _brotli_stream(chunks) if encoding == "br" else compress_sequence(chunks)
            )
            if response.has_header("Content-Length"):
                del response["Content-Length"]
        else:
            if len(response.content) < MIN_LENGTH:
                return response
            response.content = compress(response.content, encoding)
            response["Content-Length"] = str(len(response.content))
        if response.has_header("ETag"):
            response["ETag"] = encoded_etag(response["ETag"], encoding)
        response["Content-Encoding"] = encoding
        return response
