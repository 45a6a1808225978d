"""Devices behind ports: the code-reading port and its decoders, camera frame helpers."""
