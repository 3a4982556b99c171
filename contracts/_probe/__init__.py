"""``botocontract probe``: drive a fake AWS endpoint with drawn requests and judge its answers
(private; the public entry point is ``botocontract.probe``)."""
