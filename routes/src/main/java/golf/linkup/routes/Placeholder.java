package golf.linkup.routes; final class Placeholder {}
