using System.Diagnostics;

namespace CommitmentTracker.Generator;

/// <summary>A progress bar with the append rate on stderr; one line per step when stderr is a file.</summary>
public sealed class ProgressBar(int total, string unit)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private int lastPercentPrinted = -1;

    public void Report(int done, long events)
    {
        var percent = total == 0 ? 100 : (int)(100L * done / total);
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        var rate = events / seconds;
        var eta = done == 0 ? "?" : TimeSpan.FromSeconds(seconds * (total - done) / done).ToString(@"m\:ss");
        var bar = new string('#', percent / 4).PadRight(25, '.');
        var line = $"[{bar}] {percent,3}% {done:N0}/{total:N0} {unit}  {events:N0} events  {rate:N0} events/s  ETA {eta}";
        if (!Console.IsErrorRedirected) Console.Error.Write("\r" + line);
        else if (percent / 5 != lastPercentPrinted / 5 || done == total) Console.Error.WriteLine(line);
        lastPercentPrinted = percent;
    }

    public void Done()
    {
        if (!Console.IsErrorRedirected) Console.Error.WriteLine();
    }
}
