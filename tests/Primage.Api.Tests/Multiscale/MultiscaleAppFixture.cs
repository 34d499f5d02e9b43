using Primage.Testing;

namespace Primage.Api.Tests.Multiscale;

/// <summary>
/// The real service (silo, SQLite storage, API) with the real kernels on the local backend: multiscale steps
/// run through the default Orleans scheduler exactly as in production. The twins' own calibrations are kept
/// small so they do not compete with the multiscale steps for the two cores of a CI machine.
/// </summary>
public sealed class MultiscaleAppFixture : IAsyncLifetime
{
    public PrimageApp App { get; } = new(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
    {
        ["Primage:Predictions:EnsembleSize"] = "32",
        ["Primage:Predictions:Models:0"] = "gompertz",
    });

    public HttpClient Client { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Client = App.CreateClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
