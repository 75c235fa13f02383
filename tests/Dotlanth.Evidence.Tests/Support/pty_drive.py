"""Runs a command in a real pseudo-terminal, as a user at a terminal would, and reports what the screen received.

usage: pty_drive.py ROWS COLS SCRIPT -- COMMAND...
SCRIPT is a JSON list of steps, done in order:
  {"wait": TEXT}            wait until TEXT has appeared on the screen (10 s at most)
  {"send": TEXT}            type TEXT (\\u0003 is Ctrl-C)
  {"resize": [ROWS, COLS]}  resize the window (the kernel sends SIGWINCH to the foreground process group)
  {"sleep": SECONDS}
  {"stopped": true}         wait until the command has stopped itself (job control, as a shell sees after Ctrl-Z)
  {"continue": true}        continue it (what fg does)
With PTY_DRIVE_STDIN=FILE the command reads FILE as its stdin (command < FILE).
With PTY_DRIVE_BACKGROUND=1 the command runs as a background job of the terminal (its own process group).
Prints one JSON object: {"exit": code or -signal, "output": everything the terminal received, "stopped": whether it
was seen stopped}.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

rows, cols, script = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
command = sys.argv[sys.argv.index("--") + 1:]
pid, fd = pty.fork()
if pid == 0:
    if os.environ.get("PTY_DRIVE_STDIN"):
        # As `command < FILE`: output to the terminal, input from the file.
        os.dup2(os.open(os.environ["PTY_DRIVE_STDIN"], os.O_RDONLY), 0)
    if os.environ.get("PTY_DRIVE_BACKGROUND") == "1":
        # As `command &` at an interactive shell: a process group of its own that is not the terminal's foreground.
        job = os.fork()
        if job == 0:
            os.setpgid(0, 0)
            os.execvp(command[0], command)
        _, status = os.waitpid(job, os.WUNTRACED)
        os._exit(128 + os.WSTOPSIG(status) if os.WIFSTOPPED(status) else os.waitstatus_to_exitcode(status) & 0xFF)
    os.execvp(command[0], command)

fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
output = bytearray()
seen_stopped = False


def pump(seconds):
    end = time.time() + seconds
    while time.time() < end:
        ready, _, _ = select.select([fd], [], [], max(0.0, min(0.05, end - time.time())))
        if ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                return False
            if not chunk:
                return False
            output.extend(chunk)
    return True


for step in script:
    if "wait" in step:
        deadline = time.time() + 10
        while step["wait"].encode() not in output and time.time() < deadline:
            if not pump(0.05):
                break
    elif "send" in step:
        os.write(fd, step["send"].encode())
    elif "resize" in step:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", step["resize"][0], step["resize"][1], 0, 0))
    elif "sleep" in step:
        pump(step["sleep"])
    elif "stopped" in step:
        deadline = time.time() + 10
        while time.time() < deadline:
            done, status = os.waitpid(pid, os.WUNTRACED | os.WNOHANG)
            if done and os.WIFSTOPPED(status):
                seen_stopped = True
                break
            pump(0.05)
    elif "continue" in step:
        os.kill(pid, signal.SIGCONT)

deadline = time.time() + 60
while time.time() < deadline and pump(0.2):
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        pump(0.3)
        break
else:
    done, status = os.waitpid(pid, os.WNOHANG)
if not done:
    os.kill(pid, 9)
    _, status = os.waitpid(pid, 0)
code = os.waitstatus_to_exitcode(status)
print(json.dumps({"exit": code, "output": output.decode("utf-8", "replace"), "stopped": seen_stopped}))
