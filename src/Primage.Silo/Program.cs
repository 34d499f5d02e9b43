using Primage.Api;
using Primage.Silo.Hosting;
using Primage.Silo.Storage;

if (MigrateCommand.Matches(args))
{
    return await MigrateCommand.RunAsync(args);
}

if (TokenCommand.TryRun(args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

try
{
    var builder = WebApplication.CreateBuilder(DemoSeed.Arguments(args));
    builder.AddPrimageSilo();
    builder.Services.AddPrimageApi(builder.Configuration);
    builder.AddPrimageDemoSeed();

    var app = builder.Build();
    StartupErrors.ValidateNow(app.Services);
    app.MapPrimageApi();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (StartupErrors.Describe(ex) is { } mistake)
{
    // A setting the service cannot run with: one line naming it, no stack trace.
    await Console.Error.WriteLineAsync($"Primage cannot start: {mistake}");
    return StartupErrors.ExitCode;
}

/// <summary>The service's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
