package jload.engine.script.groovy;

import org.codehaus.groovy.ast.ClassCodeVisitorSupport;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.VariableExpression;
import org.codehaus.groovy.classgen.GeneratorContext;
import org.codehaus.groovy.control.CompilePhase;
import org.codehaus.groovy.control.SourceUnit;
import org.codehaus.groovy.control.customizers.CompilationCustomizer;

/**
 * Makes every bare {@code sleep(…)} in a scenario mean k6's sleep in seconds, the script's own.
 * Without it, inside a closure (an iteration is one) Groovy first offers the call to the closure
 * object itself, and Groovy's {@code Object.sleep(long milliseconds)} takes it when the argument
 * is a whole number: {@code sleep 1} would pause for one millisecond. Written as {@code this.sleep},
 * the call goes to the script ({@code this} in a closure is the enclosing script instance).
 */
final class K6SleepCalls extends CompilationCustomizer {
    K6SleepCalls() {
        super(CompilePhase.SEMANTIC_ANALYSIS);
    }

    @Override
    public void call(SourceUnit source, GeneratorContext context, ClassNode classNode) {
        new ClassCodeVisitorSupport() {
            @Override
            protected SourceUnit getSourceUnit() {
                return source;
            }

            @Override
            public void visitMethodCallExpression(MethodCallExpression call) {
                if (call.isImplicitThis() && "sleep".equals(call.getMethodAsString())) {
                    call.setObjectExpression(VariableExpression.THIS_EXPRESSION);
                    call.setImplicitThis(false);
                }
                super.visitMethodCallExpression(call);
            }
        }.visitClass(classNode);
    }
}
