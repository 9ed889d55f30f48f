using System.Diagnostics;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ApiKeys;

public sealed class CreateAdminKeyCommandTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_cli_command_prints_a_new_admin_key_once_and_stores_only_its_hash()
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "create-admin-key", "--name", "Recovery admin"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)!,
            Environment =
            {
                ["ConnectionStrings__Postgres"] = await PostgresServer.ConnectionString,
                ["Marten__Schema"] = api.Schema,
                ["Auth__BootstrapAdminKey"] = "",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, stderr);

        var secret = stdout.Trim();
        Assert.StartsWith("ct_", secret);
        Assert.DoesNotContain(secret, stderr);
        var keys = await (await api.As(Caller.Key(secret)).Get("/api/api-keys")).Expect(HttpStatusCode.OK);
        Assert.Contains(keys.AsArray(), k => k!["name"]!.GetValue<string>() == "Recovery admin" && k["role"]!.GetValue<string>() == "admin");
        Assert.DoesNotContain(secret, keys.ToJsonString());
    }
}
