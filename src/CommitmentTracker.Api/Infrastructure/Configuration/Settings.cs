using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CommitmentTracker.Infrastructure.Configuration;

/// <summary>
/// An options class bound to one configuration section. Every setting of the service lives in one of these, with its
/// default; <c>appsettings.json</c> lists the same keys with the same defaults (SettingsTests checks both ways).
/// </summary>
public interface ISettings
{
    /// <summary>The section this class binds, e.g. <c>Webhooks</c> or <c>Auth:Jwt</c>.</summary>
    static abstract string Section { get; }
}

public static class SettingsSetup
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to its section and validates it (data annotations, <see cref="IValidatableObject"/>)
    /// when the host starts: a bad value stops the service with a message naming the key. <typeparamref name="T"/> is
    /// also a singleton, for services that take the settings themselves.
    /// </summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services) where T : class, ISettings
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SettingsCheck>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SettingsValidator<T>>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<T>>().Value);
        return services.AddOptions<T>().BindConfiguration(T.Section).ValidateOnStart();
    }

    /// <summary>
    /// The same binding and validation while the services are still being registered, for the few settings that decide
    /// what is registered (the worker role, the log format, the OTLP exporter).
    /// </summary>
    public static T Settings<T>(this IConfiguration config) where T : class, ISettings, new()
    {
        var settings = config.GetSection(T.Section).Get<T>() ?? new T();
        var result = new SettingsValidator<T>().Validate(null, settings);
        return result.Failed ? throw new OptionsValidationException(T.Section, typeof(T), result.Failures) : settings;
    }
}

/// <summary>
/// Checks every setting before any other hosted service is built. The host builds all its hosted services before it runs
/// its own start-up validation, and one that takes a bad setting would stop it with that one message; this one is
/// registered with the first setting (observability's, the first thing Program adds), so a bad start names every bad key.
/// </summary>
public sealed class SettingsCheck : IHostedService
{
    public SettingsCheck(IStartupValidator validator) => validator.Validate();

    public Task StartAsync(CancellationToken ct) => Task.CompletedTask;

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Data-annotation validation whose messages name the full key (<c>Webhooks:BatchSize</c>), not only the property.</summary>
public sealed class SettingsValidator<T> : IValidateOptions<T> where T : class, ISettings
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        if (results.Count == 0 && options is IValidatableObject self) results.AddRange(self.Validate(new ValidationContext(options)));
        return results.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(results.Select(r =>
                $"{string.Join(", ", r.MemberNames.DefaultIfEmpty("").Select(m => $"{T.Section}:{m}".TrimEnd(':')))}: {r.ErrorMessage}"));
    }
}

/// <summary>An absolute http(s) address, or unset.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AbsoluteUrlAttribute() : ValidationAttribute("must be an absolute http(s) address")
{
    public override bool IsValid(object? value) =>
        value is null or "" || value is string s && Uri.TryCreate(s, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https";
}

/// <summary>A duration greater than zero and at most <paramref name="maxSeconds"/>.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PositiveDurationAttribute(double maxSeconds = 86_400) : ValidationAttribute($"must be greater than zero and at most {maxSeconds} seconds")
{
    public override bool IsValid(object? value) =>
        value is TimeSpan t ? t > TimeSpan.Zero && t.TotalSeconds <= maxSeconds
        : value is double d ? d > 0 && d <= maxSeconds
        : value is int i && i > 0 && i <= maxSeconds;
}
