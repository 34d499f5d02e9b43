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

var builder = WebApplication.CreateBuilder(DemoSeed.Arguments(args));
builder.AddPrimageSilo();
builder.Services.AddPrimageApi(builder.Configuration);
builder.AddPrimageDemoSeed();

var app = builder.Build();
app.MapPrimageApi();
app.Run();
return 0;

/// <summary>The service's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
