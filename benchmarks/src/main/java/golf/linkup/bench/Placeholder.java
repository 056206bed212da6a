package golf.linkup.bench; final class Placeholder {}
