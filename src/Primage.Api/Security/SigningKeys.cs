using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;

namespace Primage.Api.Security;

/// <summary>
/// Resolves the token signing key: the configured one, else the key file in the data directory,
/// generating it (64 random bytes, owner-only permissions) on first use.
/// </summary>
public static class SigningKeys
{
    public static SymmetricSecurityKey Resolve(SecurityOptions options, IConfiguration configuration)
    {
        var text = options.SigningKey;
        var origin = "Primage:Security:SigningKey";
        if (string.IsNullOrWhiteSpace(text))
        {
            var directory = configuration["Primage:DataDirectory"] ?? "./data";
            var file = Path.GetFullPath(Path.Combine(directory, SecurityOptions.KeyFileName));
            origin = file;
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
                try
                {
                    using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                    }

                    using var writer = new StreamWriter(stream);
                    writer.Write(generated);
                }
                catch (IOException) when (File.Exists(file))
                {
                    // Another process (the token command or a second start) wrote it first: use theirs.
                }
            }

            text = File.ReadAllText(file).Trim();
        }

        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"The signing key in {origin} is not base64.");
        }

        if (bytes.Length < SecurityOptions.MinKeyBytes)
        {
            throw new InvalidOperationException(
                $"The signing key in {origin} is {bytes.Length} bytes; at least {SecurityOptions.MinKeyBytes} are required (e.g. openssl rand -base64 48).");
        }

        return new SymmetricSecurityKey(bytes);
    }
}
