namespace Primage.Kernels.Micro;

/// <summary>
/// Histology and differentiation grade (International Neuroblastoma Pathology Classification),
/// ordered from least to most differentiated. It sets the initial Schwann-cell fraction and
/// neuroblast differentiation when the region carries no cellularity of its own.
/// </summary>
public enum HistologyGrade
{
    NeuroblastomaUndifferentiated = 0,
    NeuroblastomaPoorlyDifferentiated = 1,
    NeuroblastomaDifferentiating = 2,
    GanglioneuroblastomaNodular = 3,
    GanglioneuroblastomaIntermixed = 4,
    GanglioneuromaMaturing = 5,
    GanglioneuromaMature = 6,
}
