using System.Net;
using Primage.Testing;

namespace Primage.Api.Tests.Clinician;

public sealed class DemoSeedTests
{
    [Fact]
    public async Task DemoOptionLoadsANeuroblastomaAndADipgTwinVisibleToADemoClinician()
    {
        await using var app = new PrimageApp(PrimageApp.NewDataDirectory(), new Dictionary<string, string> { ["Primage:Demo"] = "true" });
        using var clinician = app.CreateClient("clinician", "demo");
        const string Nb = "\"id\":\"demo-nb-1\",\"diagnosis\":\"neuroblastoma\",\"observations\":3,\"therapies\":2";
        const string Dipg = "\"id\":\"demo-dipg-1\",\"diagnosis\":\"dipg\",\"observations\":3,\"therapies\":1";

        // The seed runs in the background after start; on a busy CI machine it can take a while.
        string list = "";
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline && !(list.Contains(Nb, StringComparison.Ordinal) && list.Contains(Dipg, StringComparison.Ordinal)))
        {
            await Task.Delay(200);
            list = await clinician.GetStringAsync("/api/twins");
        }

        Assert.Contains(Nb, list, StringComparison.Ordinal);
        Assert.Contains(Dipg, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await clinician.GetAsync("/api/twins/demo-nb-1")).StatusCode);
    }
}
