using Dotlanth.Evidence.Tests.Support;
using static Dotlanth.Evidence.Tests.Support.TerminalDriver;

namespace Dotlanth.Evidence.Tests.EndToEnd;

/// <summary>Under a real terminal the child gets a terminal too; the bundle keeps what the screen showed, as plain text.</summary>
public sealed class TerminalTests
{
    private const string Shows = """
        import os, sys
        print(sys.stdin.isatty(), sys.stdout.isatty(), sys.stderr.isatty(), os.get_terminal_size())
        print('\x1b[31mred\x1b[0m')
        print('err', file=sys.stderr, flush=True)
        sys.stdout.write('10%\r50%\r100%\n')
        """;

    [Fact]
    public void The_child_sees_a_terminal_of_the_same_size_keeps_its_colours_and_the_bundle_keeps_plain_text()
    {
        using var repo = TempRepo.Create();

        var (exit, screen) = Run(repo.Path, 40, 100, [], ["run", "--", "python3", "-c", Shows]);

        Assert.Equal(0, exit);
        Assert.Contains("True True True os.terminal_size(columns=100, lines=40)", screen, StringComparison.Ordinal);
        Assert.Contains("\u001b[31mred\u001b[0m", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[?1h", screen, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("True True True os.terminal_size(columns=100, lines=40)\nred\nerr\n100%\n", bundle.Text("stdout/python3_1.txt"));
        var check = bundle.Check();
        Assert.Equal(40, (int)check["terminal"]!["rows"]!);
        Assert.Equal(100, (int)check["terminal"]!["cols"]!);
        Assert.Null(check["stderr"]);
        Assert.False(Directory.Exists(Path.Combine(bundle.Path, "stderr")) && Directory.EnumerateFiles(Path.Combine(bundle.Path, "stderr")).Any());
        SchemaValidator.AssertValid(bundle.Path);
        bundle.AssertIntegrity();
    }

    [Fact]
    public void No_tty_keeps_pipes_and_separate_streams_even_at_a_terminal()
    {
        using var repo = TempRepo.Create();

        var (exit, screen) = Run(repo.Path, 40, 100, [], ["run", "--no-tty", "--", "python3", "-c", "import sys; print(sys.stdout.isatty()); print('err', file=sys.stderr)"]);

        Assert.Equal(0, exit);
        Assert.Contains("False", screen, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("False\n", bundle.Text("stdout/python3_1.txt"));
        Assert.Equal("err\n", bundle.Text("stderr/python3_1.txt"));
        Assert.Null(bundle.Check()["terminal"]);
    }

    [Fact]
    public void A_resized_window_resizes_the_childs_terminal_and_typed_input_reaches_it()
    {
        using var repo = TempRepo.Create();
        const string Resize = """
            import os, signal, sys, time
            name = input('name? ')
            print('hello', name, os.get_terminal_size(), flush=True)
            signal.signal(signal.SIGWINCH, lambda *a: (print('resized', os.get_terminal_size(), flush=True), sys.exit(0)))
            time.sleep(30)
            """;

        var (exit, screen) = Run(repo.Path, 24, 80, [Wait("name?"), Send("Ada\r"), Wait("hello"), TerminalDriver.Resize(50, 132), Wait("resized")], ["run", "--", "python3", "-c", Resize]);

        Assert.Equal(0, exit);
        Assert.Contains("hello Ada os.terminal_size(columns=80, lines=24)", screen, StringComparison.Ordinal);
        Assert.Contains("resized os.terminal_size(columns=132, lines=50)", screen, StringComparison.Ordinal);
        Assert.Contains("name? Ada\nhello Ada", BundleOnDisk.Only(repo.Combine(".evidence")).Text("stdout/python3_1.txt"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ctrl_c_at_the_terminal_stops_the_child_and_the_run_is_cancelled()
    {
        using var repo = TempRepo.Create();

        var (exit, screen) = Run(repo.Path, 24, 80, [Wait("ready"), Send("\u0003")], ["run", "--", "python3", "-c", "import time; print('ready', flush=True); time.sleep(60)"]);

        Assert.Equal(130, exit);
        Assert.Contains("KeyboardInterrupt", screen, StringComparison.Ordinal);
        var bundle = BundleOnDisk.Only(repo.Combine(".evidence"));
        Assert.Equal("cancelled", bundle.Outcome);
        Assert.Equal("cancelled", (string?)bundle.Check()["status"]);
        Assert.Equal(2, (int?)bundle.Check()["signal"]);
    }

    [Fact]
    public void A_full_screen_program_works_and_the_bundle_keeps_what_it_drew()
    {
        using var repo = TempRepo.Create();
        const string Curses = """
            import curses
            def main(screen):
                screen.addstr(2, 4, 'full screen %dx%d, press q' % screen.getmaxyx()[::-1])
                screen.refresh()
                while screen.getch() != ord('q'):
                    pass
            curses.wrapper(main)
            print('left full screen')
            """;

        var (exit, screen) = Run(repo.Path, 24, 80, [Wait("press q"), Send("q")], ["run", "--", "python3", "-c", Curses], new Dictionary<string, string?> { ["TERM"] = "xterm" });

        Assert.Equal(0, exit);
        Assert.Contains("\u001b[?1049h", screen, StringComparison.Ordinal);
        Assert.Equal("full screen 80x24, press q\nleft full screen\n", BundleOnDisk.Only(repo.Combine(".evidence")).Text("stdout/python3_1.txt"));
    }

    [Fact]
    public void Ctrl_z_suspends_the_tool_with_the_child_and_fg_resumes_both()
    {
        using var repo = TempRepo.Create();

        var report = Drive(repo.Path, 24, 80, [Wait("ready"), Send("\u001a"), Stopped(), Sleep(0.3), Continue(), Sleep(0.5), Send("go\r"), Wait("got")], ["run", "--", "python3", "-c", "print('ready', flush=True); print('got', input(), flush=True)"]);

        Assert.True((bool)report["stopped"]!, (string?)report["output"]);
        Assert.Equal(0, (int)report["exit"]!);
        Assert.Contains("got go", (string)report["output"]!, StringComparison.Ordinal);
        Assert.Equal("verified", BundleOnDisk.Only(repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void A_run_started_in_the_background_leaves_the_terminal_alone_and_is_not_stopped()
    {
        using var repo = TempRepo.Create();

        // As `dotnet evidence run -- … &`: touching the terminal's mode from the background would stop the tool (SIGTTOU).
        var (exit, screen) = Run(repo.Path, 24, 80, [], ["run", "--", "python3", "-c", "import sys; print('in the background', sys.stdout.isatty())"], new Dictionary<string, string?> { ["PTY_DRIVE_BACKGROUND"] = "1" });

        Assert.Equal(0, exit);
        Assert.Contains("in the background True", screen, StringComparison.Ordinal);
        Assert.Equal("verified", BundleOnDisk.Only(repo.Combine(".evidence")).Outcome);
    }

    [Fact]
    public void Input_from_a_file_goes_to_the_child_as_a_file_while_its_output_still_reaches_a_terminal()
    {
        using var repo = TempRepo.Create();
        var input = repo.Write("input.txt", "line one\nline two\n");

        // As `dotnet evidence run -- cmd < input.txt`: the child reads the file, not its terminal, and nothing is echoed.
        var (exit, screen) = Run(repo.Path, 24, 80, [], ["run", "--", "python3", "-c", "import sys; print(sys.stdin.isatty(), sys.stdout.isatty(), repr(sys.stdin.read()))"], new Dictionary<string, string?> { ["PTY_DRIVE_STDIN"] = input });

        Assert.Equal(0, exit);
        Assert.Contains("False True 'line one\\nline two\\n'", screen, StringComparison.Ordinal);
        Assert.DoesNotContain("line one\r", screen, StringComparison.Ordinal);
    }
}
