namespace HostApp.Shop;

internal sealed record CartItem(int ProductId, int Quantity);
