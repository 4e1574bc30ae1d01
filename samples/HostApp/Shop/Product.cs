namespace HostApp.Shop;

public sealed record Product(int Id, string Name, decimal Price);
