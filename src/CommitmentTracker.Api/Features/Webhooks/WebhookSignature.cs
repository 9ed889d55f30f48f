using System.Security.Cryptography;
using System.Text;

namespace CommitmentTracker.Features.Webhooks;

/// <summary><c>X-OGP-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;t&gt;.&lt;raw body&gt;")&gt;</c>; the key is the secret's UTF-8 bytes.</summary>
public static class WebhookSignature
{
    public const string Header = "X-OGP-Signature";
    public const string SequenceHeader = "X-OGP-Event-Sequence";
    public const string DeliveryHeader = "X-OGP-Delivery-Id";

    public static string Sign(string secret, long unixSeconds, string body) =>
        $"t={unixSeconds},v1={Hmac(secret, unixSeconds, body)}";

    public static string Hmac(string secret, long unixSeconds, string body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}")));
}
