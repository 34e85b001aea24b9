"""The registry of personal-data fields, so export, erasure and retention can find them."""

REGISTRY: dict[type, tuple[str, ...]] = {}


def holds_personal_data(*fields):
    """Class decorator: declare which fields of a model are personal data."""

    def register(model):
        REGISTRY[model] = tuple(fields)
        return model

    return register


def personal_data_models():
    return dict(REGISTRY)
