"""Bodies that are not JSON, and the HTTP around them: XML, form-encoded and CBOR bodies read
into the member tree the wire schema judges (and written from it), HTTP bindings, and which
service and operation a recorded request belongs to."""
