import redis

from core.embedded_redis import MAX_SOCKET_PATH, ensure_running, is_answering, server_command


def test_ensure_running_starts_one_server_and_reuses_it(tmp_path):
    socket_path = str(tmp_path / "r.sock")
    assert not is_answering(socket_path)
    try:
        ensure_running(socket_path)
        client = redis.Redis(unix_socket_path=socket_path)
        client.set("k", "v")
        ensure_running(socket_path)  # already answering: nothing new started
        assert client.get("k") == b"v"
        assert client.info("server")["tcp_port"] == 0  # unix socket only
    finally:
        redis.Redis(unix_socket_path=socket_path).shutdown(nosave=True)


def test_too_long_socket_path_is_refused_with_a_reason(tmp_path):
    long_path = str(tmp_path / ("x" * MAX_SOCKET_PATH) / "r.sock")
    try:
        server_command(long_path, daemonize=False, persist=False)
    except RuntimeError as exc:
        assert "VAR_DIR" in str(exc)
    else:
        raise AssertionError("a socket path longer than the kernel allows must be refused")
