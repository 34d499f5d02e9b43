using Primage.Api;
using Primage.Silo.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddPrimageSilo();
builder.Services.AddPrimageApi(builder.Configuration);

var app = builder.Build();
app.MapPrimageApi();
app.Run();

/// <summary>The service's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
