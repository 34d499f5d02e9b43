namespace Primage.Grains.Scenarios;

/// <summary>The ids of a twin's scenarios in creation order, keyed by twin id.</summary>
public interface ITwinScenariosGrain : IGrainWithStringKey
{
    Task AddAsync(string scenarioId);

    [ReadOnly]
    Task<IReadOnlyList<string>> ListAsync();
}
