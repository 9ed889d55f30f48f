namespace ContractClients;

/// <summary>Named steps of a walk: each runs once, prints ok or the failure, and the counts close the run.</summary>
public sealed class Checks
{
    public int Passed { get; private set; }
    public int Failed { get; private set; }

    public async Task Step(string name, Func<Task> step)
    {
        try
        {
            await step();
            Passed++;
            Console.WriteLine($"ok   {name}");
        }
        catch (Exception e)
        {
            Failed++;
            Console.WriteLine($"FAIL {name}: {e.GetType().Name}: {e.Message} {await Body(e)}");
        }
    }

    /// <summary>The problem a client deserialised, so a failure shows what the server said.</summary>
    private static async Task<string> Body(Exception e) => e switch
    {
        Microsoft.Kiota.Abstractions.Serialization.IParsable parsable =>
            await Microsoft.Kiota.Abstractions.Serialization.KiotaJsonSerializer.SerializeAsStringAsync(parsable),
        _ when e.GetType().GetProperty("Result")?.GetValue(e) is { } result => Newtonsoft.Json.JsonConvert.SerializeObject(result),
        _ => "",
    };

    public static void Equal<T>(T expected, T actual, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
            throw new CheckFailed($"{what}: expected {expected?.ToString() ?? "null"}, got {actual?.ToString() ?? "null"}");
    }

    public static void True(bool condition, string what)
    {
        if (!condition) throw new CheckFailed(what);
    }

    /// <summary>Runs a call that must fail with <typeparamref name="TError"/>, and returns it.</summary>
    public static async Task<TError> Throws<TError>(Func<Task> call) where TError : Exception
    {
        try
        {
            await call();
        }
        catch (TError e)
        {
            return e;
        }
        throw new CheckFailed($"expected {typeof(TError).Name}, the call succeeded");
    }
}

public sealed class CheckFailed(string message) : Exception(message);
