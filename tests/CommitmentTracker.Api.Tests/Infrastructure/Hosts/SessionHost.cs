using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.RegularExpressions;
using CommitmentTracker.Infrastructure.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

// HttpClient, not Alba: a browser signs in: its cookie jar carries the session across requests and redirects are read, not followed, which an Alba scenario (one request, no cookies) does not do.
/// <summary>
/// The real host plus one probe, <c>/test/session</c>, that authenticates the request as a site page does and hands out
/// an antiforgery token for the caller, as a rendered form would carry it.
/// </summary>
public class SessionHost : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, Probe>());
    }

    /// <summary>A browser-like client: keeps its cookies, does not follow redirects.</summary>
    public Browser Browser() => new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress }),
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = BaseAddress }));

    /// <summary>Plain http by default; a host served over https gets Secure cookies.</summary>
    protected virtual Uri BaseAddress => new("http://localhost");

    private sealed class Probe : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Map("/test/session", probe => probe.Run(async http =>
            {
                var result = await http.AuthenticateAsync();
                if (result.Succeeded) http.User = result.Principal;
                var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
                await http.Response.WriteAsJsonAsync(new
                {
                    token = tokens.RequestToken, user = http.User.FindFirstValue(ClaimTypes.Name),
                    role = http.User.FindFirstValue(ClaimTypes.Role), members = http.User.FindAll(Actor.MemberClaim).Select(c => c.Value).ToArray(),
                });
            }));
            next(app);
        };
    }
}

public sealed record Probed(string Token, string? User, string? Role, string[] Members);

public sealed class Browser(HttpClient client, HttpClient cookieless)
{
    public HttpClient Client => client;

    public async Task<Probed> Probe() =>
        (await client.GetFromJsonAsync<Probed>("/test/session"))!;

    public async Task<HttpResponseMessage> PostForm(string path, Dictionary<string, string> fields, bool withToken = true)
    {
        if (withToken) fields["__RequestVerificationToken"] = (await Probe()).Token;
        return await client.PostAsync(path, new FormUrlEncodedContent(fields));
    }

    public async Task<HttpResponseMessage> SignIn(string key, string? returnUrl = null)
    {
        var fields = new Dictionary<string, string> { ["apiKey"] = key };
        if (returnUrl is not null) fields["returnUrl"] = returnUrl;
        return await PostForm("/signin", fields);
    }

    /// <summary>The session cookie as the last response set it, to replay from elsewhere (a stolen or kept copy).</summary>
    public static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => Regex.Match(c, "^ct_session=([^;]+)")).First(m => m.Success).Groups[1].Value;

    /// <summary>Who the replayed cookie authenticates, on a client that keeps no cookies of its own.</summary>
    public async Task<string?> UserWith(string sessionCookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/test/session");
        request.Headers.Add("Cookie", "ct_session=" + sessionCookie);
        var response = await cookieless.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<Probed>())!.User;
    }
}
