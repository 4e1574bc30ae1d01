namespace HostApp.Shop;

/// <summary>A fixed in-memory catalogue; the sample is about tracking, not about a shop.</summary>
public sealed class ProductCatalog
{
    private readonly Dictionary<int, Product> _products = new[]
    {
        new Product(1, "Espresso cup", 7.50m),
        new Product(2, "Moka pot", 34.00m),
        new Product(3, "Burr grinder", 129.00m),
        new Product(4, "Coffee beans 1 kg", 24.90m),
    }.ToDictionary(p => p.Id);

    public IReadOnlyCollection<Product> All => _products.Values;

    public Product? Find(int id) => _products.GetValueOrDefault(id);
}
