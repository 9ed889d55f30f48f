using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Auth;

/// <summary>
/// The keys that encrypt session cookies and antiforgery tokens, kept in PostgreSQL: every worker process reads the
/// same ones, so a form served by one worker posts to another, and a restart signs nobody out.
/// </summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <remarks>
/// The key ring's interface is synchronous and Marten's is not: it waits here, but only when the ring loads (at start,
/// then once a day) or makes a key (every 90 days), never per request.
/// </remarks>
public sealed class MartenDataProtectionKeys(IDocumentStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => Task.Run(async () =>
    {
        await using var session = store.QuerySession();
        return (await session.Query<DataProtectionKey>().ToListAsync()).Select(k => XElement.Parse(k.Xml)).ToList();
    }).GetAwaiter().GetResult();

    public void StoreElement(XElement element, string friendlyName) => Task.Run(async () =>
    {
        await using var session = store.LightweightSession();
        session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
        await session.SaveChangesAsync();
    }).GetAwaiter().GetResult();

    internal sealed class Setup(IDocumentStore store) : IConfigureOptions<KeyManagementOptions>
    {
        public void Configure(KeyManagementOptions options) => options.XmlRepository = new MartenDataProtectionKeys(store);
    }
}
