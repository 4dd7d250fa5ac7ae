package io.pagable.docs.gettingstarted;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import java.util.List;
import org.springframework.stereotype.Service;

// tag::service[]
@Service
public class DrawingService {

    private final PagableStorage storage; // the starter's bean

    public DrawingService(PagableStorage storage) {
        this.storage = storage;
    }

    public DataKey save(String title, List<Layer> layers) {
        List<PagableArc<Layer>> arcs = layers.stream().map(storage::arc).toList(); // each layer can page out
        return storage.save(new Drawing(title, arcs)); // durable on return; the layers are paged out
    }

    public Layer layer(DataKey drawing, int index) {
        return storage.load(drawing, Drawing.class).layers().get(index).get(); // reads this layer only
    }
}
// end::service[]
