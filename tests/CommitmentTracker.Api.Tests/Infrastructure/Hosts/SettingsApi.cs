using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using CommitmentTracker.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace CommitmentTracker.Api.Tests.Infrastructure.Hosts;

/// <summary>A host started with the given settings on top of the test defaults.</summary>
public sealed class SettingsApi(IReadOnlyDictionary<string, string> settings) : ApiFactory
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = settings;
}
