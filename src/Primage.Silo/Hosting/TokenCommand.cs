using System.Globalization;
using Microsoft.Extensions.Options;
using Primage.Api.Security;

namespace Primage.Silo.Hosting;

/// <summary>
/// "token --role clinician --site lafe [--site other] [--name alice] [--hours 8]": prints a bearer
/// token signed with the service's key (the configured one or the data directory's key file, made
/// on first use), so a first run needs no other server. Other arguments (e.g.
/// --Primage:DataDirectory=...) configure it exactly as they would the service.
/// </summary>
public static class TokenCommand
{
    /// <summary>Runs the command when args start with "token"; returns the exit code, or null for a normal start.</summary>
    public static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length == 0 || args[0] != "token")
        {
            return null;
        }

        string? role = null;
        string? name = null;
        var hours = 8.0;
        var sites = new List<string>();
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null:
                    role = value;
                    i++;
                    break;
                case "--site" when value is not null:
                    sites.AddRange(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    i++;
                    break;
                case "--name" when value is not null:
                    name = value;
                    i++;
                    break;
                case "--hours" when value is not null && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && h > 0:
                    hours = h;
                    i++;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (role is null || !Roles.All.Contains(role) || (role != Roles.Admin && sites.Count == 0))
        {
            error.WriteLine($"usage: token --role {string.Join('|', Roles.All)} --site CODE[,CODE...] [--name NAME] [--hours 8]");
            error.WriteLine("  (--site is required except for admin)");
            return 2;
        }

        var configuration = WebApplication.CreateBuilder([.. rest]).Configuration;
        var options = configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var issuer = new TokenIssuer(Options.Create(options), configuration, TimeProvider.System);
        output.WriteLine(issuer.Issue(name ?? $"{role}-{(sites.Count > 0 ? sites[0] : "all")}", role, sites, TimeSpan.FromHours(hours)));
        return 0;
    }
}
