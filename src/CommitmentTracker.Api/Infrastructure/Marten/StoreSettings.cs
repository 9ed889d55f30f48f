using System.ComponentModel.DataAnnotations;
using CommitmentTracker.Infrastructure.Configuration;

namespace CommitmentTracker.Infrastructure.Marten;

/// <summary><c>ConnectionStrings:Postgres</c> (env <c>ConnectionStrings__Postgres</c>): the Npgsql connection string; required.</summary>
public sealed class ConnectionStringsOptions : ISettings
{
    public static string Section => "ConnectionStrings";

    [Required(ErrorMessage = "is required (env ConnectionStrings__Postgres)")]
    public string? Postgres { get; set; }
}

/// <summary><c>Marten:Schema</c> (default <c>ogp</c>): the PostgreSQL schema of the events and documents.</summary>
public sealed class MartenSchemaOptions : ISettings
{
    public static string Section => "Marten";

    [Required, RegularExpression("^[A-Za-z_][A-Za-z0-9_]{0,62}$", ErrorMessage = "must be a PostgreSQL identifier (letters, digits, _)")]
    public string Schema { get; set; } = "ogp";
}
