using System.Diagnostics;
using System.Net;
using CommitmentTracker.Api.Tests.Infrastructure;

namespace CommitmentTracker.Api.Tests.Features.ApiKeys;

public sealed class CreateAdminKeyCommandTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task The_cli_command_prints_a_new_admin_key_once_and_stores_only_its_hash()
    {
        var (exit, stdout, stderr) = await CreateAdminKey("Recovery admin");
        Assert.True(exit == 0, stderr);

        var secret = stdout.Trim();
        Assert.StartsWith("ct_", secret);
        Assert.DoesNotContain(secret, stderr);
        var keys = await (await api.As(Caller.Key(secret)).Get("/api/api-keys")).Expect(HttpStatusCode.OK);
        Assert.Contains(keys.AsArray(), k => k!["name"]!.GetValue<string>() == "Recovery admin" && k["role"]!.GetValue<string>() == "admin");
        Assert.DoesNotContain(secret, keys.ToJsonString());
    }

    [Fact]
    public async Task A_name_the_api_would_refuse_is_refused_with_exit_code_2_and_nothing_stored()
    {
        var before = await (await api.As(Caller.Admin).Get("/api/api-keys")).Expect(HttpStatusCode.OK);
        var (exit, stdout, stderr) = await CreateAdminKey("ops@ogp.example.org");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("--name: ", stderr);
        Assert.Contains("not an email address", stderr);
        Assert.DoesNotContain("ops@ogp.example.org", stderr); // the address is not echoed
        var after = await (await api.As(Caller.Admin).Get("/api/api-keys")).Expect(HttpStatusCode.OK);
        Assert.Equal(before.AsArray().Count, after.AsArray().Count);
    }

    private async Task<(int Exit, string Stdout, string Stderr)> CreateAdminKey(string name)
    {
        var dll = typeof(Program).Assembly.Location;
        var start = new ProcessStartInfo("dotnet", [dll, "create-admin-key", "--name", name])
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
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout, stderr);
    }
}
