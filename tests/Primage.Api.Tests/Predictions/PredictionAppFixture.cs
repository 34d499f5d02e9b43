using Primage.Testing;

namespace Primage.Api.Tests.Predictions;

/// <summary>
/// The real service with the real kernels on the local backend, with a small ensemble and two
/// candidate models so that each recalibration takes a fraction of a second in tests.
/// </summary>
public sealed class PredictionAppFixture : IAsyncLifetime
{
    public PrimageApp App { get; } = new(PrimageApp.NewDataDirectory(), new Dictionary<string, string>
    {
        ["Primage:Predictions:EnsembleSize"] = "64",
        ["Primage:Predictions:Models:0"] = "gompertz",
        ["Primage:Predictions:Models:1"] = "exponential",
        ["Primage:Predictions:HorizonDays"] = "120",
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
