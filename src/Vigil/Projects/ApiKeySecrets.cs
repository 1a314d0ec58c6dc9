using System.Security.Cryptography;
using System.Text;

namespace Vigil.Projects;

/// <summary>Key material: random secrets with a readable prefix, stored and looked up by their SHA-256.</summary>
internal static class ApiKeySecrets
{
    public const string IngestPrefix = "vgi_";
    public const string AdminPrefix = "vga_";
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public static string NewIngestKey() => IngestPrefix + RandomNumberGenerator.GetString(Alphabet, 24);

    public static string NewAdminToken() => AdminPrefix + RandomNumberGenerator.GetString(Alphabet, 40);

    public static string NewPassword() => RandomNumberGenerator.GetString(Alphabet, 16);

    /// <summary>A heartbeat monitor's ping URL secret: 32 characters of 57, about 186 bits, URL-safe as it is.</summary>
    public static string NewHeartbeatToken() => RandomNumberGenerator.GetString(Alphabet, 32);

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string DisplayPrefix(string secret) => secret[..Math.Min(secret.Length, 8)];
}
