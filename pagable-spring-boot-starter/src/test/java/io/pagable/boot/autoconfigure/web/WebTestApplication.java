package io.pagable.boot.autoconfigure.web;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A small web application that holds drawings through arcs. */
@SpringBootApplication
public class WebTestApplication {

    @RestController
    static class DrawingController {

        private final PagableStorage storage;

        private final List<PagableArc<Drawing>> drawings = new ArrayList<>();

        DrawingController(PagableStorage storage) {
            this.storage = storage;
        }

        @PostMapping("/drawings")
        synchronized int create(@RequestParam int count) {
            for (int i = 0; i < count; i++) {
                List<Shape> shapes = new ArrayList<>();
                for (int j = 0; j <= i % 10; j++) {
                    shapes.add(new Circle(j));
                }
                drawings.add(storage.arc(new Drawing("drawing " + drawings.size(), shapes)));
            }
            return drawings.size();
        }
    }
}
